// swift-tools-version:5.10
// ScalingLaws: the solvable model of neural scaling laws (Maloney, Roberts and Sully,
// arXiv:2210.16859) as a Swift package. See README.md and Docs/.
import PackageDescription

let package = Package(
    name: "ScalingLaws",
    products: [
        .library(name: "ScalingTheory", targets: ["ScalingTheory"]),
        .library(name: "NonlinearFeatureTheory", targets: ["NonlinearFeatureTheory"]),
        .library(name: "ScalingMonteCarlo", targets: ["ScalingMonteCarlo"]),
        .library(name: "SVGPlot", targets: ["SVGPlot"]),
        .library(name: "ScalingData", targets: ["ScalingData"]),
        .library(name: "ScalingFit", targets: ["ScalingFit"]),
        .library(name: "ScalingFigures", targets: ["ScalingFigures"]),
        // The C interface (Sources/ScalingLawsC/include/scaling_laws.h), a shared library
        // that needs no Swift runtime on the library path (see Docs/Python.md).
        .library(name: "ScalingLawsC", type: .dynamic, targets: ["ScalingLawsC"]),
        .executable(name: "scaling-laws", targets: ["scaling-laws"]),
        .executable(name: "scaling-laws-mpi", targets: ["scaling-laws-mpi"]),
        .executable(name: "scaling-laws-bench", targets: ["scaling-laws-bench"]),
    ],
    targets: [
        // System libraries from Debian packages (see `make deps`).
        .systemLibrary(name: "CGSL", path: "Sources/CGSL",
                       providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),

        // The errors every library throws and GSL's status mapping: the bottom
        // of the module graph.
        .target(name: "ScalingErrors", dependencies: ["CGSL"]),
        .target(name: "ScalingTheory", dependencies: ["ScalingErrors", "CGSL"]),
        // Dense algebra shared by every module that needs it: Matrix, BLAS and
        // LAPACK wrappers, the BLAS thread policy, the trial worker pool, seeded
        // random streams, the memory budget. Package-internal API.
        .target(name: "DenseAlgebra", dependencies: ["ScalingErrors", "CGSL", "COpenBLAS"]),
        // The semi-analytic theory of nonlinear features (THEORY.md section 6):
        // theory that needs dense algebra, so not in ScalingTheory.
        .target(name: "NonlinearFeatureTheory", dependencies: ["ScalingTheory", "DenseAlgebra", "CGSL"]),
        .target(name: "ScalingMonteCarlo",
                dependencies: ["ScalingTheory", "DenseAlgebra", "NonlinearFeatureTheory", "CGSL", "COpenBLAS"]),
        // Real data sets: readers (.npy, CSV, IDX, gzipped or not) and the analysis of THEORY.md section 9.
        .target(name: "ScalingData",
                dependencies: ["ScalingTheory", "DenseAlgebra", "NonlinearFeatureTheory", "ScalingMonteCarlo", "CZlib",
                               "COpenBLAS"]),
        // Fitting scaling laws to measured runs (Docs/Fitting.md): the Chinchilla form and
        // this package's theory as fit functions, bootstrap intervals, forecasts. GSL's
        // multimin is declared in its own module map, without gsl_cblas.h (Sources/CGSLMultimin);
        // DenseAlgebra lends the seeded streams and the worker pool.
        .systemLibrary(name: "CGSLMultimin", path: "Sources/CGSLMultimin"),
        .target(name: "ScalingFit", dependencies: ["ScalingTheory", "DenseAlgebra", "CGSLMultimin"]),
        // The C interface: @_cdecl functions over the libraries. CScalingLawsABI is its
        // public header seen from Swift; -static-stdlib links the Swift runtime and
        // FoundationEssentials into the .so. The modules it links import
        // FoundationEssentials, never Foundation: Foundation would bring
        // CoreFoundation and ICU's data (34 MB) with it (--no-undefined catches it).
        .systemLibrary(name: "CScalingLawsABI", path: "Sources/CScalingLawsABI"),
        .target(name: "ScalingLawsC", dependencies: ["CScalingLawsABI", "ScalingTheory", "DenseAlgebra",
                                              "NonlinearFeatureTheory", "ScalingMonteCarlo", "ScalingData", "ScalingFit"],
                exclude: ["include", "scaling-laws.pc.in"],
                linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group",
                                               "-lFoundationEssentials", "-l_FoundationCollections",
                                               "-l_FoundationCShims", "-lswiftSynchronization",
                                               "-lswift_RegexParser", "-lswift_StringProcessing",
                                               "-lswiftDispatch", "-lswiftGlibc", "-lswift_Concurrency",
                                               "-Xlinker", "--end-group", "-Xlinker", "--no-undefined",
                                               // The ABI's major version (see the header, EXTENSIBILITY).
                                               "-Xlinker", "-soname=libScalingLawsC.so.1"])]),
        // A small, dependency-free SVG line-chart writer for the figures.
        .target(name: "SVGPlot"),
        // What each figure of the demo, `sweep` and `map` computes (which sweep, theory,
        // simulation and points), as SVGPlot values the shells render and write.
        .target(name: "ScalingFigures",
                dependencies: ["ScalingTheory", "NonlinearFeatureTheory", "ScalingMonteCarlo", "ScalingData", "SVGPlot"]),
        // The output model: one field list per result kind and its one writer of JSON, CSV
        // and tables, provenance and the version, atomic file writes. Package-internal API.
        .target(name: "ScalingOutput",
                dependencies: ["ScalingTheory", "NonlinearFeatureTheory", "ScalingMonteCarlo", "ScalingData", "ScalingFit"]),
        // The commands of the command line, shared by `scaling-laws` and
        // `scaling-laws-mpi` (whose main.swift files are all they add).
        .target(name: "ScalingLawsCommands",
                dependencies: ["ScalingTheory", "DenseAlgebra", "NonlinearFeatureTheory", "ScalingMonteCarlo", "ScalingData",
                               "SVGPlot", "ScalingFigures", "ScalingOutput", "ScalingFit"]),
        .executableTarget(name: "scaling-laws", dependencies: ["ScalingLawsCommands"]),
        // OpenMPI (Debian's libopenmpi-dev, see `make deps`) for scaling-laws-mpi
        // only: the libraries and `scaling-laws` build without it.
        .systemLibrary(name: "CMPI", path: "Sources/CMPI", pkgConfig: "ompi",
                       providers: [.apt(["libopenmpi-dev"])]),
        .executableTarget(name: "scaling-laws-mpi",
                          dependencies: ["ScalingLawsCommands", "ScalingOutput", "ScalingMonteCarlo", "DenseAlgebra", "CMPI"]),

        // `make bench`: ours against the NumPy/SciPy peers in Benchmarks/peers.
        .executableTarget(name: "scaling-laws-bench", dependencies: ["ScalingTheory", "NonlinearFeatureTheory", "ScalingMonteCarlo", "ScalingData", "ScalingFit", "DenseAlgebra", "COpenBLAS"],
                          path: "Benchmarks/scaling-laws-bench"),

        // What the test targets share (seeded SplitMix64, temporary files, gzip): XCTest and
        // Foundation only, no module of the package, so it cannot hide the code under test.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ScalingTheoryTests", dependencies: ["ScalingTheory", "TestSupport"]),
        .testTarget(name: "ScalingMonteCarloTests",
                    dependencies: ["ScalingMonteCarlo", "NonlinearFeatureTheory", "DenseAlgebra", "ScalingTheory",
                                   "TestSupport"]),
        .testTarget(name: "SVGPlotTests", dependencies: ["SVGPlot"]),
        .testTarget(name: "ScalingFitTests", dependencies: ["ScalingFit", "ScalingTheory", "ScalingMonteCarlo", "TestSupport"]),
        .testTarget(name: "ScalingDataTests",
                    dependencies: ["ScalingData", "ScalingTheory", "DenseAlgebra", "NonlinearFeatureTheory", "ScalingMonteCarlo",
                                   "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], exclude: ["Golden"]),
        // The Swift code of Docs/Tutorial.md, compiled and run; fails when the two drift apart.
        .testTarget(name: "TutorialTests",
                    dependencies: ["ScalingTheory", "NonlinearFeatureTheory", "ScalingMonteCarlo", "SVGPlot"]),
    ]
)
