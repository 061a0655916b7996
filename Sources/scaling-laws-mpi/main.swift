
// scaling-laws-mpi: `simulate`, `sweep --simulate` and `compare` of
// scaling-laws with their trials shared out over MPI ranks; rank 0 writes the
// output, bit-identical to a one-process run (apart from timing fields).
import Foundation
import ScalingOutput
import ScalingLawsCommands

MessagePassing.initialize()
let runner = MPITrialRunner()
var words = Array(CommandLine.arguments.dropFirst())
// One trial thread per rank unless told otherwise: MPI places one rank per core.
if words.count > 1, !words.contains(where: { $0 == "--threads" || $0.hasPrefix("--threads=") }) {
    words += ["--threads", "1"]
}
var message: String?
let status: Int32
let wantsHelp = words.isEmpty || ["--help", "-h", "help"].contains(words[0]) || words.contains("--help") || words.contains("-h")
if wantsHelp, MessagePassing.rank != 0 {
    status = 0  // rank 0 prints it once
} else if words.first == "sweep", !words.contains("--simulate"), !wantsHelp {
    message = "scaling-laws-mpi sweep: needs --simulate (a theory sweep has no trials to share out)\n"
    status = 2
} else {
    status = runCommandLine(words, program: "scaling-laws-mpi", only: ["simulate", "sweep", "compare"],
                            runner: runner, reportError: { message = $0 })
}
// A rank that failed before its trials still joins the one check all ranks make.
if !runner.agreed { _ = runner.agree(failed: status != 0) }
let worst = MessagePassing.allReduce(Int(status), maximum: true)
// One message: from the lowest rank with an error of its own.
let speaker = MessagePassing.allReduce(message != nil && !runner.peerFailed ? MessagePassing.rank : MessagePassing.size,
                                       maximum: false)
if speaker == MessagePassing.rank, let message { StandardError.write(message) }
MessagePassing.finalize()
exit(Int32(worst))
