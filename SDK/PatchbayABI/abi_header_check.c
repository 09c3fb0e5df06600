/* Compiles patchbay_abi.h as plain C11 on every build, so nothing but C can slip into the
 * contract, and holds each version's frozen size to the layout it names. */
#include "patchbay_abi.h"

_Static_assert(PB_ABI_MAJOR == 1, "this SDK ships ABI major 1");
_Static_assert(sizeof(pb_status) == 4 && sizeof(pb_log_level) == 4, "status and level are int32_t");

/* A size frozen for 1.0 is where the first field appended after 1.0 begins. */
_Static_assert(offsetof(pb_plugin_descriptor, min_host_abi_minor) == PB_PLUGIN_DESCRIPTOR_SIZE_1_0, "descriptor 1.0");
_Static_assert(sizeof(pb_plugin_descriptor) == PB_PLUGIN_DESCRIPTOR_SIZE_1_2, "descriptor 1.2");
_Static_assert(offsetof(pb_host_api, features) == PB_HOST_API_SIZE_1_0, "host table 1.0");
_Static_assert(sizeof(pb_host_api) == PB_HOST_API_SIZE_1_2, "host table 1.2");
_Static_assert(offsetof(pb_plugin_api, pb_plugin_shutdown) == PB_PLUGIN_API_SIZE_1_0, "call table 1.0");
_Static_assert(sizeof(pb_plugin_api) == PB_PLUGIN_API_SIZE_1_2, "call table 1.2");
