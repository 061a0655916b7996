import Glibc
import ScalingTheory
import DenseAlgebra

/// The feature map sigma of Docs/Theory.md section 2: phi_i(x) = sigma(h_i) with
/// pre-activations h = U x.
///
/// `.linear` (sigma(h) = h) is the solvable case, for which the simulation
/// computes the test loss exactly; every other case is simulated with a fresh
/// test sample (section 6).
public enum Activation: Sendable, CustomStringConvertible {
    /// sigma(h) = h.
    case linear
    /// sigma(h) = max(h, 0).
    case relu
    /// sigma(h) = tanh(h).
    case tanh
    /// sigma(h) = erf(h).
    case erf
    /// sigma(h) = h + h^2.
    case quadratic
    /// Any function, applied elementwise; `name` is for reports only.
    case custom(name: String, function: @Sendable (Double) -> Double)

    /// The built-in maps by name, as the command line spells them.
    public static let builtIn: [Activation] = [.linear, .relu, .tanh, .erf, .quadratic]

    /// The built-in map called `name` (`linear`, `relu`, `tanh`, `erf`,
    /// `quadratic`), or nil.
    public init?(name: String) {
        guard let match = Self.builtIn.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// The built-in map called `name`; throws `ScalingError.unsupported`
    /// naming the known maps otherwise.
    public static func named(_ name: String) throws -> Activation {
        guard let activation = Activation(name: name) else {
            let known = builtIn.map(\.name).joined(separator: ", ")
            throw ScalingError.unsupported("unknown activation '\(name)' (known: \(known))")
        }
        return activation
    }

    public var name: String {
        switch self {
        case .linear: return "linear"
        case .relu: return "relu"
        case .tanh: return "tanh"
        case .erf: return "erf"
        case .quadratic: return "quadratic"
        case let .custom(name, _): return name
        }
    }

    public var description: String { name }

    /// True only for `.linear`: a custom closure is never assumed linear.
    public var isLinear: Bool {
        if case .linear = self { return true }
        return false
    }

    /// sigma(h).
    public func callAsFunction(_ h: Double) -> Double {
        switch self {
        case .linear: return h
        case .relu: return max(h, 0)
        case .tanh: return hyperbolicTangent(h)
        case .erf: return errorFunction(h)
        case .quadratic: return h + h * h
        case let .custom(_, function): return function(h)
        }
    }

    /// Applies sigma to every element in place (nothing to do for `.linear`).
    /// Throws `ScalingError.unsupported` if a result is not finite, which only
    /// a custom closure (or a pre-activation overflowing h^2) can cause.
    package func apply(to values: inout [Double]) throws {
        if isLinear { return }
        var finite = true
        values.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices {
                buffer[i] = self(buffer[i])
                finite = finite && buffer[i].isFinite
            }
        }
        guard finite else { throw ScalingError.unsupported("the activation \(name) gave a non-finite feature") }
    }

    /// The features sigma(U X) of the columns of X (M x count) for U (N x M): N x count.
    package func features(weights u: Matrix, inputs x: Matrix) throws -> Matrix {
        var phi = Matrix(rows: u.rows, columns: x.columns)
        LinearAlgebra.multiply(u, x, into: &phi)
        try apply(to: &phi.elements)
        return phi
    }
}

// The enum's own cases shadow the C library's names inside it.
private func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }
private func errorFunction(_ x: Double) -> Double { erf(x) }
