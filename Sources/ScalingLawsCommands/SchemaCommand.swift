import Foundation
import ScalingOutput

/// `scaling-laws schema COMMAND`: the JSON Schema (draft 2020-12) of a
/// command's JSON output, generated from the same field lists the writer
/// uses. Docs/schemas/COMMAND.schema.json are its outputs (`make schemas`).
enum SchemaCommand: Command {
    static let name = "schema"
    static let summary = "Print the JSON Schema of a command's JSON output (Docs/schemas/)."
    static let positional: String? = "command"
    static let flags: [Flag] = [.value("command", "NAME", "the command whose output it describes (also: schema NAME; schema shard: the shard file of --shard)")]
    static let requiredFlags: Set<String> = ["command"]

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let target = arguments.string("command") else { throw UsageError("missing COMMAND (scaling-laws schema COMMAND)") }
        if target == "shard" {  // the shard file of --shard K/COUNT, not a command's result
            Console.write(ShardFile.jsonSchema.pretty + "\n")
            return 0
        }
        let described = commands.filter { $0.schema != nil }
        guard let command = described.first(where: { $0.name == target }), let schema = command.schema else {
            let hint = closest(to: target, among: described.map { $0.name }).map { " (did you mean \($0)?)" } ?? ""
            throw UsageError("no output schema for '\(target)'\(hint); commands with one: "
                             + described.map { $0.name }.joined(separator: ", ") + " (and shard: the shard file)")
        }
        Console.write(schema.jsonSchema(command: command.name, flags: command.flags.map(\.name)).pretty + "\n")
        return 0
    }
}
