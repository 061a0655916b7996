import Foundation

/// One benchmark figure: our median time per unit of work, and the peer's
/// when a peer does the same work and agrees with us.
struct Measurement {
    var name: String
    var unit: String
    var ours: Double
    var peer: Double?
    var note: String = ""

    /// Peer time over ours: how many times faster we are.
    var speedup: Double? { peer.map { $0 / ours } }

    var json: [String: Any] {
        var object: [String: Any] = ["name": name, "unit": unit, "oursSeconds": ours, "note": note]
        if let peer { object["peerSeconds"] = peer }
        if let speedup { object["speedup"] = speedup }
        return object
    }
}
