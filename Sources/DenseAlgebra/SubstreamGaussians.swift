import Dispatch
import ScalingErrors

/// A trial's sequence of samples, each `sampleSize` standard normals, split
/// over a fixed number of substreams so that several threads can draw one
/// trial's samples at once (direct SGD with the conditional sampler spends
/// nearly all its time in the Gaussians).
///
/// Sample i of the sequence (counted from 0 over the whole trial) is drawn,
/// all its `sampleSize` normals in order, from substream i mod S, each
/// substream a `RandomStream(seed:trial:substream:)`. Which thread draws a
/// substream, how many threads there are and how the samples are cut into
/// blocks by `fill` never change a number: one thread draws the substreams in
/// turn, more draw them in parallel (fork-join per block, each worker taking
/// the next undrawn substream; no spinning).
package final class SubstreamGaussians: @unchecked Sendable {
    /// S: fixed, so that the layout never depends on the thread count.
    package static let substreamCount = 4

    /// Normals per sample.
    package let sampleSize: Int
    /// Threads that draw a block (1 ... S).
    package let threads: Int
    private let streams: [RandomStream]
    /// Index of the next sample in the whole sequence.
    private var next = 0

    /// The substreams of trial `trial` under `seed`; `threads` >= 1 is capped at S.
    package init(seed: UInt64, trial: Int, sampleSize: Int, threads: Int) {
        self.sampleSize = sampleSize
        self.threads = max(1, min(threads, Self.substreamCount))
        streams = (0..<Self.substreamCount).map { RandomStream(seed: seed, trial: trial, substream: $0) }
    }

    /// Draws the next `samples` samples into `buffer` (at least
    /// `samples * sampleSize` doubles), sample l at `l * sampleSize`.
    package func fill(_ buffer: UnsafeMutableBufferPointer<Double>, samples: Int) {
        precondition(buffer.count >= samples * sampleSize, "SubstreamGaussians.fill: buffer too small")
        guard samples > 0, let base = buffer.baseAddress else { return }
        let first = next, size = sampleSize, s = Self.substreamCount
        let draw = { (substream: Int) in
            // The first sample of this block that belongs to `substream`.
            var l = ((substream - first) % s + s) % s
            while l < samples {
                self.streams[substream].fillGaussian(base + l * size, count: size)
                l += s
            }
        }
        if threads == 1 || samples == 1 {
            for substream in 0..<s { draw(substream) }
        } else {
            // Each worker takes the next undrawn substream: on a busy machine a
            // worker that is not scheduled leaves its share to the others.
            let lock = Lock()
            var taken = 0
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    lock.lock()
                    let substream = taken
                    taken += 1
                    lock.unlock()
                    guard substream < s else { return }
                    draw(substream)
                }
            }
        }
        next += samples
    }
}
