"""Scripts of the project: fixture rendering (scripts.render), the layout sweep, benchmarks."""
