import DenseAlgebra

extension RandomStream {
    /// `count` latent vectors x ~ N(0, Lambda) drawn from this stream, as the
    /// columns of an M x count matrix (row I scaled by sqrt(lambda_I) = `root[I]`).
    func latentVectors(_ count: Int, rootEigenvalues root: [Double]) -> Matrix {
        var x = Matrix(rows: root.count, columns: count)
        fillGaussian(&x.elements)
        x.scaleRows(by: root)
        return x
    }
}
