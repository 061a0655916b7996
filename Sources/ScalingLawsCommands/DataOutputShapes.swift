import ScalingOutput

/// The output shapes of `--data` (a real data set instead of the synthetic
/// model), each a variant of its command's schema (Docs/schemas/).
enum DataOutputShapes {
    static let simulate = OutputVariant(
        title: "simulate --data PATH", selector: .given("data"),
        shape: OutputSchema(summary: DataSimulationRecord.columns.map(\.spec)))
    static let sweep = OutputVariant(
        title: "sweep --data PATH", selector: .given("data"),
        shape: OutputSchema(listKey: "points", list: DataSweepRecord.columns.map(\.spec)))
    static let compare = OutputVariant(
        title: "compare --data PATH", selector: .given("data"),
        shape: OutputSchema(summary: CompareCommand.summaryColumns.map(\.spec), listKey: "points",
                            list: DataSweepRecord.columns.map(\.spec)))
}
