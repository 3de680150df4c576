// Lead Handoff insights for Cockpit (Camunda 7 frontend plugins, plain JavaScript).
// - a heatmap over the lead process diagram: leads per step, median and 90th-percentile wait;
// - a "Handoff health" tab with the colour tiles of dmn/handoff-health.dmn;
// - a "Why" tab on each lead: routing decisions, matched rules, escalations, who held it when.
// Data comes from /api/insights (aggregated in the database), called with the Cockpit login.

const PROCESS = 'lead-handoff';
const ROOT = document.baseURI.replace(/\/[^/]*\/app\/cockpit\/.*$/, '');
const CLASSES = ['', 'EMERGENCY', 'PREMIUM', 'STANDARD', 'POOR_FIT'];
const COLOURS = { green: '#2e7d32', watch: '#f9a825', red: '#c62828', none: '#9e9e9e', unknown: '#607d8b' };

// The window and class the heatmap and the health tab show, shared between them.
const state = { window: '7d', from: '', to: '', leadClass: '' };
const listeners = new Set();
let heatmapDraw = null;
let healthDraw = null;
function changed() {
  listeners.forEach(listener => listener());
}

function query(extra) {
  const params = new URLSearchParams();
  if (state.window === 'custom') {
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
  } else {
    params.set('window', state.window);
  }
  Object.entries(extra || {}).forEach(([name, value]) => value && params.set(name, value));
  return params.toString();
}

async function get(path) {
  const response = await fetch(ROOT + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch (notJson) {
      // keep the status text
    }
    throw new Error(response.status + ': ' + detail);
  }
  return response.json();
}

function escape(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function duration(seconds) {
  if (seconds == null) return '–';
  if (seconds < 60) return Math.round(seconds) + 's';
  if (seconds < 3600) return Math.round(seconds / 60) + 'm';
  if (seconds < 86400) return (seconds / 3600).toFixed(1).replace(/\.0$/, '') + 'h';
  return (seconds / 86400).toFixed(1).replace(/\.0$/, '') + 'd';
}

function controls() {
  const panel = document.createElement('div');
  panel.className = 'lh-heat-controls';
  panel.style.cssText = 'position:absolute;top:8px;left:8px;z-index:10;background:rgba(255,255,255,.95);border:1px solid #ccc;'
    + 'border-radius:4px;padding:6px 8px;font-size:12px;box-shadow:0 1px 3px rgba(0,0,0,.15)';
  panel.innerHTML = '<strong>Lead heatmap</strong> '
    + '<select class="lh-window" title="Leads captured in">'
    + '<option value="today">Today</option><option value="7d">7 days</option><option value="30d">30 days</option><option value="custom">Custom</option>'
    + '</select> <span class="lh-custom" style="display:none"><input class="lh-from" type="date"> – <input class="lh-to" type="date"></span> '
    + '<select class="lh-class" title="Lead class">' + CLASSES.map(c => '<option value="' + c + '">' + (c || 'All classes') + '</option>').join('')
    + '</select> <span class="lh-status" style="color:#666"></span>'
    + '<div style="margin-top:4px;color:#555">badge: leads · median / 90% wait; red = longest waits</div>';
  const windowSelect = panel.querySelector('.lh-window');
  const custom = panel.querySelector('.lh-custom');
  windowSelect.value = state.window;
  panel.querySelector('.lh-class').value = state.leadClass;
  windowSelect.addEventListener('change', () => {
    state.window = windowSelect.value;
    custom.style.display = state.window === 'custom' ? '' : 'none';
    changed();
  });
  panel.querySelector('.lh-from').addEventListener('change', e => { state.from = e.target.value; changed(); });
  panel.querySelector('.lh-to').addEventListener('change', e => { state.to = e.target.value; changed(); });
  panel.querySelector('.lh-class').addEventListener('change', e => { state.leadClass = e.target.value; changed(); });
  return panel;
}

function isLeadProcess(viewer) {
  const definitions = viewer.getDefinitions && viewer.getDefinitions();
  return !!definitions && definitions.rootElements.some(element => element.$type === 'bpmn:Process' && element.id === PROCESS);
}

const heatmap = {
  id: 'leadHandoffHeatmap',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 10,
  render: (viewer) => {
    if (!isLeadProcess(viewer)) return;
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    const panel = controls();
    viewer.get('canvas').getContainer().appendChild(panel);
    const status = panel.querySelector('.lh-status');
    const draw = async () => {
      status.textContent = 'loading…';
      let data;
      try {
        data = await get('/api/insights/heatmap?' + query({ leadClass: state.leadClass }));
      } catch (failed) {
        status.textContent = 'could not load: ' + failed.message;
        return;
      }
      overlays.remove({ type: 'lh-heat' });
      const waits = data.steps.filter(s => s.p90Seconds != null && registry.get(s.activityId)).map(s => s.p90Seconds);
      const longest = Math.max(1, ...waits);
      let shown = 0;
      data.steps.forEach(step => {
        const element = registry.get(step.activityId);
        if (!element) return;
        shown++;
        const heat = step.p90Seconds == null ? 0 : Math.sqrt(step.p90Seconds / longest);
        const colour = 'rgba(' + Math.round(255 * Math.min(1, 2 * heat)) + ',' + Math.round(200 * Math.min(1, 2 * (1 - heat))) + ',0,0.35)';
        if (element.width && element.height && !element.waypoints) {
          overlays.add(step.activityId, 'lh-heat', {
            position: { top: 0, left: 0 },
            html: '<div class="lh-heat-area" style="width:' + element.width + 'px;height:' + element.height + 'px;background:' + colour
              + ';border-radius:10px;pointer-events:none"></div>'
          });
        }
        overlays.add(step.activityId, 'lh-heat', {
          position: { top: -22, left: 0 },
          html: '<div class="lh-heat-badge" data-activity="' + escape(step.activityId) + '" data-passed="' + step.passed + '"'
            + ' title="' + escape((step.name || step.activityId) + ': ' + step.passed + ' passed, ' + step.waiting + ' waiting now, median '
              + duration(step.medianSeconds) + ', 90% within ' + duration(step.p90Seconds)) + '"'
            + ' style="white-space:nowrap;font-size:11px;padding:1px 5px;border-radius:8px;background:#263238;color:#fff">'
            + step.passed + ' · ' + duration(step.medianSeconds) + ' / ' + duration(step.p90Seconds) + '</div>'
        });
      });
      status.textContent = shown + ' steps';
    };
    heatmapDraw = draw;
    listeners.add(draw);
    draw();
  },
  unmount: () => listeners.delete(heatmapDraw)
};

function tile(figure) {
  const value = figure.value == null ? '–'
    : figure.unit === 'share' ? Math.round(figure.value * 100) + '%'
    : figure.unit === 'minutes' ? (Math.round(figure.value * 10) / 10) + ' min' : Math.round(figure.value);
  const subject = [figure.leadClass, figure.person].filter(Boolean).join(' · ');
  return '<div class="lh-tile" data-metric="' + escape(figure.metric) + '" data-colour="' + escape(figure.colour) + '"'
    + ' style="border-left:6px solid ' + (COLOURS[figure.colour] || '#607d8b') + ';background:#fafafa;padding:8px 10px;border-radius:4px">'
    + '<div style="font-size:12px;color:#555">' + escape(figure.label) + (subject ? ' <b>' + escape(subject) + '</b>' : '') + '</div>'
    + '<div style="font-size:22px;font-weight:600;color:' + (COLOURS[figure.colour] || '#333') + '">' + escape(value) + '</div>'
    + '<div style="font-size:11px;color:#666">' + escape(figure.colour) + (figure.note ? ': ' + escape(figure.note) : '') + '</div></div>';
}

const health = {
  id: 'leadHandoffHealth',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 20,
  properties: { label: 'Handoff health' },
  render: (node, { processDefinitionId }) => {
    if (processDefinitionId && !String(processDefinitionId).startsWith(PROCESS + ':')) {
      node.innerHTML = '<p>Handoff health is about the lead-handoff process.</p>';
      return;
    }
    const draw = async () => {
      node.innerHTML = '<p class="lh-health-loading">Loading handoff health…</p>';
      try {
        const report = await get('/api/insights/health?' + query());
        node.innerHTML = '<div class="lh-health" style="padding:10px">'
          + '<p style="color:#555">Leads captured ' + escape(new Date(report.from).toLocaleString()) + ' to ' + escape(new Date(report.to).toLocaleString())
          + ' (change the window on the diagram). Colours from ' + escape(report.table) + '. '
          + '<a target="_blank" href="' + ROOT + '/api/insights/weekly-review">Last week\'s review</a> · '
          + '<a href="' + ROOT + '/api/insights/weekly-review?format=csv">CSV</a></p>'
          + '<div style="display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px">'
          + report.figures.map(tile).join('') + '</div></div>';
      } catch (failed) {
        node.innerHTML = '<p>Handoff health could not be loaded: ' + escape(failed.message) + '</p>';
      }
    };
    healthDraw = draw;
    listeners.add(draw);
    draw();
  },
  unmount: () => listeners.delete(healthDraw)
};

function decisions(title, list) {
  if (!list.length) return '';
  return '<h4>' + escape(title) + '</h4>' + list.map(decision => '<div class="lh-why-decision" style="margin-bottom:12px">'
    + '<div><b>' + escape(decision.version) + '</b> at ' + escape(new Date(decision.evaluatedAt).toLocaleString()) + '</div>'
    + table(['Input', 'Value'], decision.inputs.map(v => [v.name, v.value]))
    + '<div>Matched: ' + (decision.matchedRules.length ? decision.matchedRules.map(escape).join('; ') : 'no rule') + '</div>'
    + table(['Output', 'Value'], decision.outputs.map(v => [v.name, v.value]))
    + (decision.required.length ? '<details><summary>' + decision.required.length + ' decisions it asked first</summary>'
      + decision.required.map(r => '<div style="margin:6px 0 6px 12px"><b>' + escape(r.version) + '</b>: '
        + r.inputs.map(v => escape(v.name) + ' = ' + escape(v.value)).join(', ') + ' → '
        + r.outputs.map(v => escape(v.name) + ' = ' + escape(v.value)).join(', ')
        + (r.matchedRules.length ? ' <i>(' + r.matchedRules.map(escape).join('; ') + ')</i>' : '') + '</div>').join('') + '</details>' : '')
    + '</div>').join('');
}

function table(head, rows) {
  return '<table class="cam-table" style="margin:4px 0"><thead><tr>' + head.map(h => '<th>' + escape(h) + '</th>').join('') + '</tr></thead><tbody>'
    + rows.map(row => '<tr>' + row.map(cell => '<td>' + escape(cell) + '</td>').join('') + '</tr>').join('') + '</tbody></table>';
}

const why = {
  id: 'leadHandoffWhy',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 20,
  properties: { label: 'Why' },
  render: async (node, { processInstanceId }) => {
    node.innerHTML = '<p>Loading…</p>';
    let lead;
    try {
      lead = await get('/api/insights/leads/' + encodeURIComponent(processInstanceId) + '/why');
    } catch (failed) {
      node.innerHTML = '<p>' + (failed.message.startsWith('404') ? 'This instance is not a lead.' : 'Could not load: ' + escape(failed.message)) + '</p>';
      return;
    }
    node.innerHTML = '<div class="lh-why" style="padding:10px">'
      + '<p>Lead <b>' + escape(lead.leadId) + '</b>, class <b>' + escape(lead.leadClass) + '</b>, routed with <b>' + escape(lead.routingVersion)
      + '</b>, ladder <b>' + escape(lead.ladderVersion) + '</b>.</p>'
      + decisions('Routing', lead.routing) + decisions('Escalation ladder', lead.escalation)
      + '<h4>Who held it</h4>' + table(['Task', 'Person', 'From', 'To', 'Ended'], lead.holders.map(h => [h.task, h.assignee || '(team)',
        new Date(h.from).toLocaleString(), h.to ? new Date(h.to).toLocaleString() : 'open', h.ended || '']))
      + '<h4>Timeline</h4>' + table(['When', 'What', 'By', ''], lead.timeline.map(t => [new Date(t.at).toLocaleString(), t.kind, t.actor || '', t.description]))
      + '</div>';
  }
};

export default [heatmap, health, why];
