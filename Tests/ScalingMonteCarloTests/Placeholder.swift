// Keeps the ScalingMonteCarloTests target buildable until the Monte Carlo issue
// adds its tests; delete on merge with that branch.
import XCTest
