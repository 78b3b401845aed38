import json
from pathlib import Path


def committed_timings():
    """The measurement of benchmarks/vectorization.py, looked up from here upwards.

    Timings are measured once and committed, so every build shows the same numbers.
    """
    name = Path("benchmarks", "results", "vectorization.json")
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / name).is_file():
            return json.loads((folder / name).read_text(encoding="utf-8"))
    return None  # e.g. a notebook downloaded without the book's repository


timings = committed_timings()
if timings is None:
    print("No timings here: run benchmarks/vectorization.py in a clone of the book.")
else:
    machine = timings["machine"]
    print(f"{machine['cpu_model']}, {machine['logical_cpus']} logical CPUs")
    print(f"numpy {machine['numpy']}, measured on {machine['date']}")
    print("     b    per call  per example   b calls of b = 1   speedup")
    rows = timings["results"]
    single = rows[0]["seconds_per_call"]
    for row in rows:
        b, per_call = row["batch_size"], row["seconds_per_call"]
        per_example = row["seconds_per_example"]
        print(
            f"{b:6d}{per_call * 1e6:9.2f} us{per_example * 1e9:10.1f} ns"
            f"{b * single * 1e6:16.1f} us{row['speedup_per_example']:9.1f}x"
        )

    # A straight line through the measurements: per call = overhead + cost * b.
    sizes = np.array([row["batch_size"] for row in rows])
    seconds = np.array([row["seconds_per_call"] for row in rows])
    cost, overhead = np.polyfit(sizes, seconds, 1)
    print(f"fit: time per call = {overhead * 1e6:.1f} us + {cost * 1e9:.1f} ns x b")
