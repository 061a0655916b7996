import Glibc
import ScalingTheory

/// ScalingLawsVersion.current as a C string that lives as long as the library.
private let packageVersion: UnsafeMutablePointer<CChar> = strdup(ScalingLawsVersion.current)!

@_cdecl("sl_package_version")
public func sl_package_version() -> UnsafePointer<CChar> { UnsafePointer(packageVersion) }
