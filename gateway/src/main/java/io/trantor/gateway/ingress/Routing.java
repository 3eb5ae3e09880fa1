package io.trantor.gateway.ingress;

/**
 * Where one request goes: the model {@code target}, and a {@code mirror} model that receives a copy
 * whose answer is dropped ({@code null}: none).
 */
record Routing(ModelTarget target, ModelTarget mirror) {

  static Routing to(ModelTarget target) {
    return new Routing(target, null);
  }
}
