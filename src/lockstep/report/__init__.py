"""Human and machine outputs of a run."""
