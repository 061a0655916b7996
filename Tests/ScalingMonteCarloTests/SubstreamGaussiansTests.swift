import XCTest
import DenseAlgebra

/// A trial's samples split over substreams (`SubstreamGaussians`): sample i
/// comes from substream i mod S, whatever the blocks and the threads.
final class SubstreamGaussiansTests: XCTestCase {
    /// The layout rebuilt by hand from the substreams themselves: S
    /// `RandomStream(seed:trial:substream:)`, sample i the next `size` draws
    /// of stream i mod S. `fill` in uneven blocks on 1 ... S + 1 threads gives
    /// exactly these numbers.
    func testSampleComesFromItsSubstreamWhateverTheBlocksAndThreads() {
        let (seed, trial, size, samples) = (UInt64(5), 3, 7, 41)
        let s = SubstreamGaussians.substreamCount
        let streams = (0..<s).map { RandomStream(seed: seed, trial: trial, substream: $0) }
        var expected: [Double] = []
        for i in 0..<samples { expected += streams[i % s].gaussians(size) }
        for threads in 1...(s + 1) {
            let draws = SubstreamGaussians(seed: seed, trial: trial, sampleSize: size, threads: threads)
            var got: [Double] = []
            var done = 0
            for block in [3, 1, 8, 5, 2, 11, 4, 7] where done < samples {
                let count = min(block, samples - done)
                var buffer = [Double](repeating: .nan, count: count * size)
                buffer.withUnsafeMutableBufferPointer { draws.fill($0, samples: count) }
                got += buffer
                done += count
            }
            XCTAssertEqual(got, expected, "\(threads) thread(s)")
        }
    }

    /// The substreams of a trial differ from each other and from the trials'
    /// own streams: no two of their 32-bit generator seeds coincide over 100 trials.
    func testSubstreamSeedsAreDistinct() {
        var seeds = Set<UInt32>()
        var count = 0
        for trial in 0..<100 {
            seeds.insert(RandomStream.generatorSeed(seed: 9, trial: trial))
            count += 1
            for substream in 0..<SubstreamGaussians.substreamCount {
                seeds.insert(RandomStream.generatorSeed(seed: 9, trial: trial, substream: substream))
                count += 1
            }
        }
        XCTAssertEqual(seeds.count, count)
    }
}
