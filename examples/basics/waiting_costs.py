"""Three blocking I/O calls in a row: the wall clock runs, the CPU mostly idles."""

import time


def fake_io_call() -> None:
    time.sleep(1)  # stands in for a file read, a database query or a network call


def main() -> None:
    wall_start = time.perf_counter()
    cpu_start = time.process_time()
    for call in range(1, 4):
        fake_io_call()
        wall = time.perf_counter() - wall_start
        cpu = time.process_time() - cpu_start
        print(f"Call {call} done: {wall:.2f} s elapsed, {cpu:.2f} s of CPU")
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    print(f"Finished in {wall:.2f} s, of which {cpu:.2f} s used the CPU")


if __name__ == "__main__":
    main()
