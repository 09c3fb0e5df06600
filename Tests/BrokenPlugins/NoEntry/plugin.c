/* A shared library that exports no pb_plugin_info, as when a plugin forgets its export
 * line. The host must refuse it and name the missing symbol. */
int patchbay_not_a_plugin(void) { return 42; }
