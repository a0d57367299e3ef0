print("lightbridge-bench: see BENCHMARKS.md")
