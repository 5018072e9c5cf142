/* Shared by the lab-data tests: the fixtures of tests/data/labdata/make_labdata.py in a fresh
 * temporary folder (cmocka group setup/teardown), and paths inside it. */
#ifndef SFHET_LABDATA_FIXTURE_H
#define SFHET_LABDATA_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

static char fixture_dir[64];

static int fixture_setup(void **state) {
  (void)state;
  snprintf(fixture_dir, sizeof fixture_dir, "/tmp/sfhet_labdata_XXXXXX");
  if (!mkdtemp(fixture_dir)) return -1;
  char cmd[512];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/labdata/make_labdata.py %s", SFHET_TEST_DATA, fixture_dir);
  return system(cmd) == 0 ? 0 : -1;
}

static int fixture_teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", fixture_dir);
  return system(cmd) == 0 ? 0 : -1;
}

/* fixture_dir/name (eight buffers in rotation). */
static const char *path_of(const char *name) {
  static char p[8][256];
  static int k;
  char *b = p[k++ % 8];
  snprintf(b, 256, "%s/%s", fixture_dir, name);
  return b;
}

#endif
