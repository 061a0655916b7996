"""Writes the reader test fixtures with NumPy (run once; outputs are committed).

The matrix is 3 x 4 with entries exact in float32 and small integers for uint8.
"""
import gzip
import struct

import numpy as np

m = np.array([[0.5, -1.25, 3.0, 0.125], [1.0, 2.0, 3.0, 4.0], [-7.5, 0.0, 1024.0, 2.5]])
u = np.array([[0, 1, 2, 255], [10, 20, 30, 40], [7, 8, 9, 100]], dtype=np.uint8)
labels = np.array([3, 0, 9], dtype=np.int64)

np.save("matrix_f8.npy", m)
np.save("matrix_f4.npy", m.astype(np.float32))
np.save("matrix_u1.npy", u)
np.save("labels_i8.npy", labels)
np.save("labels_f8.npy", labels.astype(np.float64))
np.save("matrix_fortran.npy", np.asfortranarray(m))
np.save("matrix_object.npy", np.array([[1, "a"], [2, "b"]], dtype=object), allow_pickle=True)
np.save("matrix_3d.npy", np.zeros((2, 2, 2)))
np.save("matrix_c16.npy", m.astype(np.complex128))
np.save("matrix_bigendian.npy", m.astype(">f8"))
mn = m.copy(); mn[1, 2] = np.nan
np.save("matrix_nan.npy", mn)
with open("matrix_f8.npy", "rb") as f, gzip.open("matrix_f8.npy.gz", "wb") as g:
    g.write(f.read())

np.savetxt("matrix_header.csv", m, delimiter=",", header="a,b,c,d", comments="")
np.savetxt("matrix.csv", m, delimiter=",")
np.savetxt("labels.csv", labels, fmt="%d")

def idx(path, array, code):
    header = struct.pack(">BBBB", 0, 0, code, array.ndim) + b"".join(struct.pack(">I", s) for s in array.shape)
    data = header + array.astype(array.dtype.newbyteorder(">")).tobytes()
    with open(path, "wb") as f:
        f.write(data)
    with gzip.open(path + ".gz", "wb") as g:
        g.write(data)

idx("images-idx3-ubyte", u.reshape(3, 2, 2), 0x08)
idx("labels-idx1-ubyte", labels.astype(np.uint8), 0x08)
idx("matrix-f8-idx2", m, 0x0E)
