/* libFuzzer target: the Nanonis grid .3ds reader on arbitrary bytes (fuzz_reader.h). */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_reader(data, size, SFHET_FORMAT_NANONIS_3DS); }
