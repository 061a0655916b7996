import Foundation
import CMPI
import ScalingOutput

/// The few MPI calls scaling-laws-mpi makes, on MPI_COMM_WORLD, as Swift
/// functions. A failing MPI call aborts the job: MPI's default error handler
/// already does so, and nothing here can recover from a broken communicator.
enum MessagePassing {
    nonisolated(unsafe) private(set) static var rank = 0
    nonisolated(unsafe) private(set) static var size = 1
    /// Ranks on this node (sharing its memory).
    nonisolated(unsafe) private(set) static var localSize = 1
    /// Whether threads other than the main one may call MPI.
    nonisolated(unsafe) private(set) static var threadsMayCall = false

    static var world: MPI_Comm { scaling_mpi_comm_world() }

    static func initialize() {
        var provided: Int32 = 0
        MPI_Init_thread(nil, nil, scaling_mpi_thread_multiple(), &provided)
        threadsMayCall = provided >= scaling_mpi_thread_multiple()
        var value: Int32 = 0
        MPI_Comm_rank(world, &value)
        rank = Int(value)
        MPI_Comm_size(world, &value)
        size = Int(value)
        var node: MPI_Comm? = nil
        MPI_Comm_split_type(world, scaling_mpi_comm_type_shared(), Int32(rank), scaling_mpi_info_null(), &node)
        MPI_Comm_size(node, &value)
        localSize = Int(value)
        MPI_Comm_free(&node)
    }

    static func finalize() { MPI_Finalize() }

    static func abort(_ status: Int32) -> Never {
        MPI_Abort(world, status)
        exit(status)
    }

    /// The minimum (or maximum) of `value` over all ranks.
    static func allReduce(_ value: Int, maximum: Bool) -> Int {
        var mine = Int64(value), result: Int64 = 0
        MPI_Allreduce(&mine, &result, 1, scaling_mpi_long_long(), maximum ? scaling_mpi_max() : scaling_mpi_min(), world)
        return Int(result)
    }

    static func sum(_ value: Int) -> Int {
        var mine = Int64(value), result: Int64 = 0
        MPI_Allreduce(&mine, &result, 1, scaling_mpi_long_long(), scaling_mpi_sum(), world)
        return Int(result)
    }

    static func send(_ bytes: [UInt8], to destination: Int, tag: Int) {
        bytes.withUnsafeBytes { buffer in
            _ = MPI_Send(buffer.baseAddress, Int32(buffer.count), scaling_mpi_byte(), Int32(destination), Int32(tag), world)
        }
    }

    static func send(_ value: Int64, to destination: Int, tag: Int) {
        var value = value
        MPI_Send(&value, 1, scaling_mpi_long_long(), Int32(destination), Int32(tag), world)
    }

    static func receiveInteger(from source: Int, tag: Int) -> Int64 {
        var value: Int64 = 0
        MPI_Recv(&value, 1, scaling_mpi_long_long(), Int32(source), Int32(tag), world, scaling_mpi_status_ignore())
        return value
    }

    /// A pending message with `tag` from any rank, received; nil when none is waiting.
    static func receiveBytesIfAny(tag: Int) -> (source: Int, bytes: [UInt8])? {
        var flag: Int32 = 0
        var status = MPI_Status()
        MPI_Iprobe(scaling_mpi_any_source(), Int32(tag), world, &flag, &status)
        guard flag != 0 else { return nil }
        var count: Int32 = 0
        MPI_Get_count(&status, scaling_mpi_byte(), &count)
        var bytes = [UInt8](repeating: 0, count: Int(count))
        let source = status.MPI_SOURCE
        bytes.withUnsafeMutableBytes { buffer in
            _ = MPI_Recv(buffer.baseAddress, count, scaling_mpi_byte(), source, Int32(tag), world, scaling_mpi_status_ignore())
        }
        return (Int(source), bytes)
    }
}
