// The one workshop clock as every screen shows it: the server says when the round ends (endsAt)
// and what time it is there (serverTime); the offset between the server's clock and ours keeps
// every table counting down in step, whatever the laptops' own clocks say.

import { storage } from './storage.js';

let offsetMs = 0;

/** Learns the server's time from a response: serverTime was read somewhere between sentAt and receivedAt. */
export function learnServerTime(serverTime, sentAt, receivedAt) {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return;
  offsetMs = server - (sentAt + receivedAt) / 2;
}

export function serverNow() {
  return Date.now() + offsetMs;
}

/** Milliseconds left on a clock ({status, endsAt, remainingMs}) now. */
export function remainingMs(clock) {
  if (!clock) return 0;
  switch (clock.status) {
    case 'running':
      return Math.max(0, Date.parse(clock.endsAt) - serverNow());
    case 'paused':
      return Math.max(0, clock.remainingMs || 0);
    default:
      return 0;
  }
}

/** mm:ss, rounding up so that 0:00 shows only at the end. */
export function formatClock(ms) {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

// --- the whistle: Web Audio, no sound files ---

let audio = null;

/** Audio may only start after a gesture; the first click or key press anywhere unlocks it. */
export function unlockAudioOnGesture() {
  const unlock = () => {
    try {
      if (!audio) audio = new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume();
    } catch { /* no audio on this machine */ }
  };
  window.addEventListener('pointerdown', unlock, { capture: true });
  window.addEventListener('keydown', unlock, { capture: true });
}

export function audioReady() {
  return !!audio && audio.state === 'running';
}

/** A referee's whistle: a two-tone trill around 2.5 kHz for about 1.5 s. */
export function blowWhistle() {
  if (!storage.sound() || !audio) return false;
  try {
    if (audio.state === 'suspended') audio.resume();
    const now = audio.currentTime + 0.02;
    const duration = 1.5;
    const tone = audio.createOscillator();
    tone.type = 'triangle';
    tone.frequency.setValueAtTime(2550, now);
    // The pea in the whistle: a fast square wobble between two tones.
    const trill = audio.createOscillator();
    trill.type = 'square';
    trill.frequency.setValueAtTime(22, now);
    const trillDepth = audio.createGain();
    trillDepth.gain.setValueAtTime(220, now);
    trill.connect(trillDepth).connect(tone.frequency);
    const volume = audio.createGain();
    volume.gain.setValueAtTime(0.0001, now);
    volume.gain.exponentialRampToValueAtTime(0.35, now + 0.03);
    volume.gain.setValueAtTime(0.35, now + 0.45);
    volume.gain.exponentialRampToValueAtTime(0.12, now + 0.55);
    volume.gain.exponentialRampToValueAtTime(0.35, now + 0.65);
    volume.gain.setValueAtTime(0.35, now + duration - 0.15);
    volume.gain.exponentialRampToValueAtTime(0.0001, now + duration);
    tone.connect(volume).connect(audio.destination);
    tone.start(now);
    trill.start(now);
    tone.stop(now + duration + 0.05);
    trill.stop(now + duration + 0.05);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides when this screen blows the whistle: when it sees the running clock reach zero, or when a
 * whistleBlown event arrives live (not from catch-up of something long past). Both signals of one
 * expiry make one whistle; a clock extended after the whistle whistles again at its new end.
 */
export class WhistleWatch {
  constructor(onWhistle) {
    this.onWhistle = onWhistle;
    this.armed = false;
    this.lastBlown = 0;
  }

  /** Called on every tick with the room's state. */
  tick(room) {
    if (room.clock.status !== 'running') return;
    if (remainingMs(room.clock) > 0) this.armed = true;
    else if (this.armed) {
      this.armed = false;
      this.blow(room.round);
    }
  }

  /** Called with a live whistleBlown event. */
  event(e) {
    const age = serverNow() - Date.parse(e.at);
    this.armed = false;
    if (Number.isNaN(age) || age < 15_000) this.blow(e.round);
  }

  blow(round) {
    if (Date.now() - this.lastBlown < 10_000) return;
    this.lastBlown = Date.now();
    this.onWhistle(round);
  }
}
