"""A loopback stand-in for the Hugging Face Hub and OpenML APIs, for tests and the benchmarks."""
