/// The package version: what `scaling-laws --version` prints, what every
/// output records, what the C library's `sl_version()` reports and hence
/// Python's `scaling_laws.__version__` (python/setup.py reads it from here
/// for the wheel's name). The one place the version is written.
public enum ScalingLawsVersion {
    public static let current = "0.2.0"
}
