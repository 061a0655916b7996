// Every user of the theory catches `ScalingError`; re-exporting its module
// spares them a second import.
@_exported import ScalingErrors
