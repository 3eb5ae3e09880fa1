package io.trantor.gateway.pipelinehost.dataflow;

/**
 * One record on its way into a join: which of the flow's sources it came from (inputs first, then
 * triggers) and its value, already converted to what the flow writes.
 */
record JoinPart(int slot, byte[] value) {}
