"""Files and processes: atomic writes, bounded reads, discovery, located YAML, thread pools."""
