// Reads BPMN files with bpmn-moddle (the model bpmn.io and Camunda
// Modeler load files with) and prints, for each, a JSON line: the
// warnings of the import, the lanes with their flow node ids, the
// sequence flows with their source, target and name, and the ids of the
// diagram's shapes and edges. Used by export/bpmn_test.go.
// Usage: node bpmncheck.mjs MODDLE_DIR FILE...
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [dir, ...files] = process.argv.slice(2);
const { BpmnModdle } = await import(pathToFileURL(join(dir, 'node_modules', 'bpmn-moddle', 'dist', 'index.js')).href);
const moddle = new BpmnModdle();

for (const file of files) {
  const xml = readFileSync(file, 'utf8');
  const out = { file, warnings: [], lanes: [], flows: [], nodes: [], shapes: [], edges: [] };
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    out.warnings = warnings.map((w) => String(w.message));
    for (const el of rootElement.rootElements) {
      if (el.$type !== 'bpmn:Process') continue;
      for (const ls of el.laneSets || []) {
        for (const lane of ls.lanes || []) {
          out.lanes.push({ id: lane.id, name: lane.name, nodes: (lane.flowNodeRef || []).map((n) => n.id) });
        }
      }
      for (const fe of el.flowElements || []) {
        if (fe.$type === 'bpmn:SequenceFlow') {
          out.flows.push({ id: fe.id, name: fe.name || '', source: fe.sourceRef && fe.sourceRef.id, target: fe.targetRef && fe.targetRef.id });
        } else {
          out.nodes.push({ id: fe.id, type: fe.$type, name: fe.name || '',
            incoming: (fe.incoming || []).map((f) => f.id), outgoing: (fe.outgoing || []).map((f) => f.id) });
        }
      }
    }
    for (const d of rootElement.diagrams || []) {
      for (const e of d.plane.planeElement || []) {
        if (e.$type === 'bpmndi:BPMNShape') out.shapes.push({ element: e.bpmnElement && e.bpmnElement.id, bounds: e.bounds });
        if (e.$type === 'bpmndi:BPMNEdge') out.edges.push({ element: e.bpmnElement && e.bpmnElement.id, waypoints: (e.waypoint || []).map((p) => [p.x, p.y]) });
      }
    }
  } catch (err) {
    out.error = String(err && err.message || err);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
