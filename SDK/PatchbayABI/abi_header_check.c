/* Compiles patchbay_abi.h as plain C11 on every build, so nothing but C can slip into the contract. */
#include "patchbay_abi.h"

_Static_assert(PB_ABI_MAJOR == 1, "this SDK ships ABI major 1");
_Static_assert(sizeof(pb_status) == sizeof(int), "pb_status is a plain C enum");
