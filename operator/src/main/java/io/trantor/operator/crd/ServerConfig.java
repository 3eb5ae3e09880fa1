package io.trantor.operator.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** The pod template Servers name in {@code spec.serverConfig} (no printer columns, as Seldon's). */
@Group(SeldonCrds.GROUP)
@Version(SeldonCrds.VERSION)
@Plural("serverconfigs")
@Singular("serverconfig")
@ShortNames("mlc")
public final class ServerConfig extends CustomResource<ServerConfigSpec, ServerConfigStatus> implements Namespaced {
}
