/* Export control of libsfhet: the library is built with -fvisibility=hidden, and only declarations
 * between SFHET_API_BEGIN and SFHET_API_END (every public header wraps its declarations in them) or
 * marked SFHET_API are exported, so internal functions shared between source files stay private. The
 * region macros also give C++ callers C linkage. */
#ifndef SFHET_API_H
#define SFHET_API_H

#if defined(__GNUC__) || defined(__clang__)
#define SFHET_API __attribute__((visibility("default")))
#define SFHET_VISIBILITY_PUSH _Pragma("GCC visibility push(default)")
#define SFHET_VISIBILITY_POP _Pragma("GCC visibility pop")
#else
#define SFHET_API
#define SFHET_VISIBILITY_PUSH
#define SFHET_VISIBILITY_POP
#endif

#ifdef __cplusplus
#define SFHET_API_BEGIN SFHET_VISIBILITY_PUSH extern "C" {
#define SFHET_API_END } SFHET_VISIBILITY_POP
#else
#define SFHET_API_BEGIN SFHET_VISIBILITY_PUSH
#define SFHET_API_END SFHET_VISIBILITY_POP
#endif

#endif
