#ifndef LIGHTBRIDGE_CCONCURRENCYHOOK_H
#define LIGHTBRIDGE_CCONCURRENCYHOOK_H

/// Sets the Swift runtime's `swift_task_enqueueGlobal_hook` (a Swift-calling-convention function
/// pointer, or NULL for the default global executor). The static runtime keeps the variable
/// hidden, so it cannot be found with dlsym the way SwiftNIO looks for it; a direct reference
/// links in both the static and the shared runtime. Used by `lightbridge run` only
/// (Sources/lightbridge/DaemonThreads.swift).
void lightbridge_set_enqueue_global_hook(void *hook);

#endif
