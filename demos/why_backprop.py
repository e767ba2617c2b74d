"""Measure finite differences against backprop on MLPs of growing size.

Prints the table of pass counts and times, the crossover and the growth
rates, and saves the plot of time against parameter count.

    python demos/why_backprop.py --output why_backprop.png
"""

import argparse
import platform

from nn import why_backprop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="why_backprop.png",
                        help="path of the saved plot (PNG); default: why_backprop.png")
    parser.add_argument("--seed", type=int, default=0, help="seed of the MLP weights")
    args = parser.parse_args()

    results = why_backprop.measure(seed=args.seed)
    print(why_backprop.format_table(results))

    fd_slope, bp_slope = why_backprop.growth_rates(results[-3:])
    print(f"\ncrossover: backprop is faster from N = {why_backprop.crossover(results)} parameters")
    print(f"growth over the 3 largest networks: finite differences ~ N^{fd_slope:.2f}, "
          f"backprop ~ N^{bp_slope:.2f}")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")

    why_backprop.plot(results, args.output)
    print(f"plot saved to {args.output}")


if __name__ == "__main__":
    main()
