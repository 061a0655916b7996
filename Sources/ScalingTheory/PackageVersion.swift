/// The version of the ScalingLaws package, the one place it is written.
/// Shard files record it, and `merge` refuses shards of different versions.
public enum PackageVersion {
    public static let current = "0.1.0"
}
