/**
 * Pipeline dataflows: the Kafka Streams topologies that move tensors between a pipeline's steps over
 * Seldon's topics (reference seldon-behaviour.md §4.6).
 *
 * <p>Public surface: {@link io.trantor.gateway.pipelinehost.dataflow.Dataflows} (start, replace, stop one application
 * per pipeline version; state changes), {@link io.trantor.gateway.pipelinehost.dataflow.DataflowConfig},
 * {@link io.trantor.gateway.pipelinehost.dataflow.DataflowState} and
 * {@link io.trantor.gateway.pipelinehost.dataflow.PipelineTopology#build} (what TopologyTestDriver tests use).
 *
 * <p>Decisions:
 * <ul>
 *   <li><b>Record format as Seldon.</b> Keys {@code <partition>.<pipeline>.<requestId>} are never changed,
 *       and every sink writes to the partition number before the key's first dot
 *       ({@link io.trantor.kafka.RecordKey#partitionOf}), so the answer comes back on the partition the
 *       pipeline gateway reads. Every source keeps only records whose {@code pipeline} header names its
 *       source pipeline; every output gets {@code pipeline} and {@code x-pipeline-version} and loses the
 *       {@code x-seldon-alibi-*} headers. Values are protobuf ModelInferRequest on {@code *.inputs} and
 *       ModelInferResponse on {@code *.outputs}; error text is passed through untouched.</li>
 *   <li><b>No repartitioning.</b> Keys never change and joins are one processor over a key-value store,
 *       so there are no repartition topics; topology optimisation is off so none appear.</li>
 *   <li><b>Joins on wall-clock windows.</b> A join fires as soon as its rule is met (inner: every source;
 *       any: the first; outer: every source, or what arrived when the window closes); the window is counted
 *       from the first arrival in wall-clock time and checked by a punctuator, so an outer join's caller
 *       waits at most the window even when no further record arrives (Seldon's stream-time outer join can
 *       wait for the next request). A key fires at most once per window, so {@code any} does not call a
 *       step twice for one request. Triggers are joined the same way and never passed on. Join state is an
 *       in-memory store with a changelog topic, so a restarted gateway resumes half-complete joins.</li>
 *   <li><b>Latency.</b> commit.interval.ms 100, no record cache, linger.ms 0, max.task.idle.ms -1 (no
 *       waiting to order records across partitions by timestamp); single-source flows with
 *       nothing to select or rename forward the bytes without decoding them.</li>
 *   <li><b>Message size.</b> {@link io.trantor.gateway.pipelinehost.dataflow.DataflowConfig#maxMessageBytes} sets the
 *       producer's max.request.size (and a buffer of at least two records), the consumer's
 *       max.partition.fetch.bytes and fetch.max.bytes, and max.message.bytes of internal topics; the
 *       control plane creates pipeline topics with the same limit (Seldon #4675/#5126).</li>
 *   <li><b>Offsets.</b> Processing is at-least-once: a request may be answered twice (after a crash, or
 *       while two versions overlap); callers dedupe by request id. A restarted gateway resumes from the
 *       committed offsets of its version's application id. A <em>new</em> application id has none:
 *       <ul>
 *         <li>replacing a running version, it starts at the old version's committed offsets
 *             ({@link io.trantor.gateway.pipelinehost.dataflow.OffsetHandover}; end offsets for partitions the old one
 *             never read), so nothing uncommitted is lost and no history is replayed;</li>
 *         <li>otherwise {@code auto.offset.reset=earliest} (Seldon: latest), so requests produced to the
 *             pipeline's brand-new topics before its topology started are not lost. The cost: a pipeline
 *             deleted and re-created over kept topics re-reads them.</li>
 *       </ul></li>
 *   <li><b>Version replacement.</b> Each version is its own application
 *       ({@code <prefix><ns>-seldon-dataflow-<uid>}, the uid hashed with md5 beyond 16 characters, as
 *       Seldon). The old version keeps running until the new one is RUNNING, then for its longest join
 *       window (at most 60 s) so that joins it half-completed can finish, then stops. A new version that
 *       fails leaves the old one running.</li>
 *   <li><b>Stream-thread errors fail the version</b> (SHUTDOWN_CLIENT, reported as Failed with the
 *       reason) instead of Seldon's silent thread replacement; undecodable records are logged and skipped.</li>
 *   <li><b>Batch</b> stacks requests along dimension 0 as Seldon does (the last request's key carries the
 *       batch; earlier requests get no answer of their own), and also honours {@code windowMs}, which Seldon
 *       ignores.</li>
 *   <li><b>Cycles</b> ({@code allowCycles}): a request's visits to a step are counted in a
 *       {@code trantor-step-visits.<step>} header (the model gateway copies input headers to its output, so
 *       no store is needed); the visit beyond {@code maxStepRevisits} revisits becomes Seldon's
 *       {@code ERROR: Max step revisits (N) exceeded for request <key> in topic <topic>} on the errors topic,
 *       which ends the request with an error; the counters are dropped when the request leaves through the
 *       outputs. Joins of a cyclic pipeline may fire again for each visit.</li>
 *   <li><b>Sources grouped by topic.</b> References to several tensors of one topic (and source pipeline)
 *       are one source: a step reading {@code p.inputs.a} and {@code p.inputs.b} gets both from one
 *       request without a join, and such a group fires when any of its tensors is present.</li>
 * </ul>
 */
package io.trantor.gateway.pipelinehost.dataflow;
