/* The command line under mpirun: MPI started, ended at exit, output from rank 0 only. */
#ifndef SFHET_PAR_CLI_H
#define SFHET_PAR_CLI_H

/* Starts MPI if launched by mpirun (sfhet/par.h), registers its end at exit; on ranks other than 0
 * sends stdout and stderr to /dev/null (rank 0 prints results, progress and the one error line). */
void cli_par_begin(int *argc, char ***argv);

#endif
