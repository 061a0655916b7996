// OpenMPI's handles (MPI_COMM_WORLD, MPI_BYTE, ...) are macros expanding to
// addresses of library globals, which Swift cannot import; these accessors
// return them as values.
#ifndef SCALING_CMPI_SHIM_H
#define SCALING_CMPI_SHIM_H
#include <mpi.h>

static inline MPI_Comm scaling_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype scaling_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype scaling_mpi_long_long(void) { return MPI_LONG_LONG; }
static inline MPI_Op scaling_mpi_max(void) { return MPI_MAX; }
static inline MPI_Op scaling_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op scaling_mpi_min(void) { return MPI_MIN; }
static inline MPI_Info scaling_mpi_info_null(void) { return MPI_INFO_NULL; }
static inline MPI_Status *scaling_mpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
static inline int scaling_mpi_any_source(void) { return MPI_ANY_SOURCE; }
static inline int scaling_mpi_thread_multiple(void) { return MPI_THREAD_MULTIPLE; }
static inline int scaling_mpi_comm_type_shared(void) { return MPI_COMM_TYPE_SHARED; }

#endif
