package io.trantor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.trantor.protocol.control.ListResponse;
import io.trantor.protocol.control.ModelReplicaStatus;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.control.ServerReplicaStatus;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Prints resource statuses as a table, JSON (proto3 JSON) or YAML. */
final class StatusPrinter {
  private static final JsonFormat.Printer JSON = JsonFormat.printer().includingDefaultValueFields();
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private StatusPrinter() {}

  static void print(PrintWriter out, OutputFormat format, ResourceStatus status, boolean details) {
    switch (format) {
      case json -> out.println(json(status));
      case yaml -> out.print(yaml(status));
      case table -> {
        table(out, List.of(status));
        if (details) {
          details(out, status);
        }
      }
    }
    out.flush();
  }

  static void printList(PrintWriter out, OutputFormat format, List<ResourceStatus> items) {
    ListResponse list = ListResponse.newBuilder().addAllItems(items).build();
    switch (format) {
      case json -> out.println(json(list));
      case yaml -> out.print(yaml(list));
      case table -> table(out, items);
    }
    out.flush();
  }

  static String json(MessageOrBuilder message) {
    try {
      return JSON.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
    }
  }

  private static String yaml(MessageOrBuilder message) {
    try {
      return YAML.writeValueAsString(YAML.readTree(json(message)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line per resource; columns depend on the kind of the first item. */
  private static void table(PrintWriter out, List<ResourceStatus> items) {
    List<String[]> rows = new ArrayList<>();
    boolean servers = !items.isEmpty() && items.get(0).hasServer();
    if (!items.isEmpty() && items.get(0).hasExperiment()) {
      experimentTable(out, items);
      return;
    }
    if (!items.isEmpty() && items.get(0).hasPipeline()) {
      pipelineTable(out, items);
      return;
    }
    rows.add(
        servers
            ? new String[] {"NAME", "STATE", "READY", "REASON"}
            : new String[] {"NAME", "STATE", "VERSION", "READY", "SERVER", "REASON"});
    for (ResourceStatus s : items) {
      if (servers) {
        rows.add(
            new String[] {
              s.getRef().getName(),
              s.getState(),
              s.getServer().getReadyReplicas() + "/" + s.getServer().getDesiredReplicas(),
              s.getReason()
            });
      } else {
        rows.add(
            new String[] {
              s.getRef().getName(),
              s.getState(),
              s.hasModel() ? Long.toString(s.getModel().getVersion()) : "",
              s.hasModel()
                  ? s.getModel().getAvailableReplicas() + "/" + s.getModel().getDesiredReplicas()
                  : "",
              s.hasModel() ? s.getModel().getServer() : "",
              s.getReason()
            });
      }
    }
    columns(out, rows);
  }

  private static void experimentTable(PrintWriter out, List<ResourceStatus> items) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "STATE", "DEFAULT", "CANDIDATES", "MIRROR", "REASON"});
    for (ResourceStatus s : items) {
      var e = s.getExperiment();
      rows.add(new String[] {
          s.getRef().getName(),
          s.getState(),
          e.getDefaultModel(),
          String.join(",", e.getCandidatesList().stream().map(c -> c.getModel() + ":" + c.getWeight()).toList()),
          e.hasMirror() ? e.getMirror().getModel() + ":" + e.getMirror().getPercent() + "%" : "",
          s.getReason()
      });
    }
    columns(out, rows);
  }

  private static void pipelineTable(PrintWriter out, List<ResourceStatus> items) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "STATE", "VERSION", "MODELS-READY", "STEPS", "REASON"});
    for (ResourceStatus s : items) {
      var p = s.getPipeline();
      rows.add(new String[] {
          s.getRef().getName(),
          s.getState(),
          Long.toString(p.getVersion()),
          Boolean.toString(p.getModelsReady()),
          String.join(",", p.getStepsList().stream().map(step -> step.getName()).toList()),
          s.getReason()
      });
    }
    columns(out, rows);
  }

  private static void details(PrintWriter out, ResourceStatus status) {
    List<String[]> rows = new ArrayList<>();
    if (status.hasPipeline()) {
      rows.add(new String[] {"  STEP", "MODEL-STATE", "INPUT-TOPIC", "OUTPUT-TOPIC"});
      for (var step : status.getPipeline().getStepsList()) {
        rows.add(new String[] {"  " + step.getName(), step.getModelState(), step.getInputTopic(), step.getOutputTopic()});
      }
      rows.add(new String[] {"  (pipeline)", "", status.getPipeline().getInputTopic(), status.getPipeline().getOutputTopic()});
      for (var gateway : status.getPipeline().getGatewaysList()) {
        rows.add(new String[] {"  gateway " + gateway.getGateway(), gateway.getState() + " v" + gateway.getVersion(), gateway.getReason(), ""});
      }
    }
    if (status.hasModel() && status.getModel().getReplicasCount() > 0) {
      rows.add(new String[] {"  REPLICA", "VERSION", "STATE", "ENDPOINT", "REASON"});
      for (ModelReplicaStatus r : status.getModel().getReplicasList()) {
        rows.add(
            new String[] {
              "  " + r.getServer() + "-" + r.getReplicaIndex(),
              Long.toString(r.getVersion()),
              r.getState(),
              r.getEndpoint(),
              r.getReason()
            });
      }
    } else if (status.hasServer() && status.getServer().getReplicasCount() > 0) {
      rows.add(new String[] {"  REPLICA", "STATE", "ENDPOINT", "MEMORY", "FREE", "CAPABILITIES", "MODELS"});
      for (ServerReplicaStatus r : status.getServer().getReplicasList()) {
        rows.add(
            new String[] {
              "  " + status.getRef().getName() + "-" + r.getReplicaIndex(),
              // a leaving replica shows its drain step, e.g. Draining (MovingModels)
              r.getDrainStep().isEmpty() ? r.getState() : r.getState() + " (" + r.getDrainStep() + ")",
              r.getEndpoint(),
              bytes(r.getMemoryBytes()),
              bytes(r.getAvailableMemoryBytes()),
              String.join(",", r.getCapabilitiesList()),
              String.join(",", r.getLoadedModelsList())
            });
      }
    }
    if (!rows.isEmpty()) {
      out.println();
      columns(out, rows);
    }
  }

  private static String bytes(long n) {
    if (n >= 1L << 30 && n % (1L << 30) == 0) {
      return (n >> 30) + "Gi";
    }
    if (n >= 1L << 20) {
      return (n >> 20) + "Mi";
    }
    return n + "B";
  }

  private static void columns(PrintWriter out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = row[i] == null ? "" : row[i];
        line.append(cell);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
