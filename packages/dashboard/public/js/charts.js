// Thin helpers over the global `echarts` (loaded from /assets/echarts.min.js). Every chart made
// for a view is kept so the router can dispose of them before drawing the next view.
import { h } from './dom.js';

const live = new Set();
// Bumped on every dispose, so a chart whose view was replaced before it was drawn gives up.
let generation = 0;
const PALETTE = ['#1f5fa8', '#2e9e6a', '#e0a526', '#c8463d', '#7a5cc2', '#3aa7b8', '#8c8c8c', '#d9739a', '#5b7c2e', '#b5651d', '#4d6fd1'];
export const TIER_COLORS = { 1: '#2e9e6a', 2: '#1f5fa8', 3: '#c8463d', none: '#b8bec7' };
export const SEVERITY_COLORS = { high: '#c8463d', medium: '#e0a526', low: '#3aa7b8' };

/** A chart container; the chart is drawn once the node is in the page (echarts needs its size). */
export function chart(option, { onClick, ...props } = {}) {
  const el = h('div', { class: 'chart', ...props });
  const born = generation;
  let frames = 0;
  const draw = () => {
    // A view that was superseded never attaches its node: stop waiting after a while.
    if (born !== generation || frames++ > 600) return;
    if (!el.isConnected) return requestAnimationFrame(draw);
    if (!globalThis.echarts) {
      el.textContent = 'ECharts did not load';
      return;
    }
    const instance = globalThis.echarts.init(el, null, { renderer: 'canvas' });
    instance.setOption({ color: PALETTE, animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
    if (onClick) instance.on('click', onClick);
    live.add(instance);
    el.dataset.ready = 'true';
  };
  queueMicrotask(draw);
  return el;
}

export function disposeCharts() {
  generation++;
  for (const instance of live) instance.dispose();
  live.clear();
}

addEventListener('resize', () => {
  for (const instance of live) instance.resize();
});
