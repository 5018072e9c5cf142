/* MPI start, ranks and the collectives the library needs (built only with SFHET_MPI). MPI is started
 * only when an MPI launcher started this process (its environment says so): a plain `sfhet ...` stays
 * a single process with no MPI initialisation at all, exactly as a build without MPI. */
#include <limits.h>
#include <mpi.h>
#include <stdlib.h>

#include "core/par_hooks.h"
#include "par/par_int.h"
#include "sfhet/error.h"
#include "sfhet/par.h"

static int started, rank_, size_ = 1, threaded;

/* Launched by mpirun/mpiexec/srun: Open MPI, PMIx, MPICH/Hydra and Slurm set these. */
static int launched(void) {
  static const char *vars[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"};
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
    if (getenv(vars[i])) return 1;
  return 0;
}

int sfhet_par_init(int *argc, char ***argv) {
  int inited = 0;
  if (started || !launched() || MPI_Initialized(&inited) != MPI_SUCCESS || inited) return SFHET_OK;
  int provided = MPI_THREAD_SINGLE;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS)
    SFHET_ERROR(SFHET_EFAILED, "MPI: initialisation failed");
  started = 1;
  threaded = provided >= MPI_THREAD_SERIALIZED;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  return SFHET_OK;
}

void sfhet_par_finalize(void) {
  int fin = 0;
  if (!started || MPI_Finalized(&fin) != MPI_SUCCESS || fin) return;
  MPI_Finalize();
}

int sfhet_par_built(void) { return 1; }
int sfhet_par_rank(void) { return rank_; }
int sfhet_par_size(void) { return size_; }
int sfhet_par_is_root(void) { return rank_ == 0; }
int par_threaded(void) { return threaded; }

int sfhet_par_sum(double *x, size_t n) {
  for (size_t a = 0; size_ > 1 && a < n; a += INT_MAX / 8) {
    int k = (int)(n - a < INT_MAX / 8 ? n - a : INT_MAX / 8);
    if (MPI_Allreduce(MPI_IN_PLACE, x + a, k, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD) != MPI_SUCCESS)
      SFHET_ERROR(SFHET_EFAILED, "MPI: reduction failed");
  }
  return SFHET_OK;
}

int sfhet_par_bcast(void *buf, size_t bytes) {
  for (size_t a = 0; size_ > 1 && a < bytes; a += INT_MAX) {
    int k = (int)(bytes - a < INT_MAX ? bytes - a : INT_MAX);
    if (MPI_Bcast((char *)buf + a, k, MPI_BYTE, 0, MPI_COMM_WORLD) != MPI_SUCCESS)
      SFHET_ERROR(SFHET_EFAILED, "MPI: broadcast failed");
  }
  return SFHET_OK;
}

int par_hook_max_int(int *v, size_t n) {
  if (size_ > 1 && MPI_Allreduce(MPI_IN_PLACE, v, (int)n, MPI_INT, MPI_MAX, MPI_COMM_WORLD) != MPI_SUCCESS)
    SFHET_ERROR(SFHET_EFAILED, "MPI: reduction failed");
  return SFHET_OK;
}

/* MPI_Op of 128-bit integer addition. */
static void add_i128(void *in, void *inout, int *len, MPI_Datatype *type) {
  (void)type;
  const par_i128 *a = in;
  par_i128 *b = inout;
  for (int k = 0; k < *len; k++) b[k] += a[k];
}

int par_hook_sum_i128(par_i128 *v, size_t n) {
  if (size_ <= 1 || n == 0) return SFHET_OK;
  MPI_Datatype t;
  MPI_Op op;
  if (MPI_Type_contiguous((int)sizeof *v, MPI_BYTE, &t) != MPI_SUCCESS) SFHET_ERROR(SFHET_EFAILED, "MPI: type failed");
  MPI_Type_commit(&t);
  MPI_Op_create(add_i128, 1, &op);
  int rc = MPI_Allreduce(MPI_IN_PLACE, v, (int)n, t, op, MPI_COMM_WORLD);
  MPI_Op_free(&op);
  MPI_Type_free(&t);
  if (rc != MPI_SUCCESS) SFHET_ERROR(SFHET_EFAILED, "MPI: reduction failed");
  return SFHET_OK;
}
