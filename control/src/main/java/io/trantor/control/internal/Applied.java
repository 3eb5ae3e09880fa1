package io.trantor.control.internal;

import io.trantor.dsl.Resource;

/** A resource as last applied, with the control plane's generation for it. */
public record Applied(Resource resource, long generation) {}
