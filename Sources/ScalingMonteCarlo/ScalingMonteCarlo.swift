// Placeholder until the Monte Carlo issue lands.
import ScalingTheory
