import Foundation
import ScalingLawsCommands

exit(runCommandLine(Array(CommandLine.arguments.dropFirst())))
