// Live updates of one video's analysis. Wraps the SignalR hub (/hubs/analysis): connect, Watch(videoId), re-watch
// after a reconnect, and re-dispatch the server's events (progress, frame, samples, alert, completed) to the page.
// When SignalR cannot connect (or gives up reconnecting) it polls GET /api/v1/videos/{id} every 2 s instead, and
// turns status changes into the same progress/completed events, so pages never care which transport is in use.
import { api, hubConnection, isActiveStatus } from './portal.js';
import { analysisEvents, analysisHubUrl } from './hub-events.js';

const POLL_MS = 2000;

export class LiveClient extends EventTarget {
    constructor(videoId) {
        super();
        this.videoId = Number(videoId);
        this.connection = null;
        this.pollTimer = 0;
        this.lastStatus = null;
        this.mode = 'idle';
    }

    /** Subscribes to one event; the handler receives the event's payload. Returns this for chaining. */
    on(name, handler) {
        this.addEventListener(name, function (e) { handler(e.detail); });
        return this;
    }

    emit(name, detail) {
        this.dispatchEvent(new CustomEvent(name, { detail: detail }));
    }

    setMode(mode) {
        this.mode = mode;
        this.emit('state', mode);
    }

    /** Connects to the hub; falls back to polling when the SignalR client or the hub is not there. */
    async start(initialStatus) {
        this.lastStatus = initialStatus || null;
        if (!window.signalR) {
            this.startPolling();
            return;
        }
        try {
            await this.connect();
        } catch (e) {
            console.warn('Live updates unavailable, polling every 2 s instead:', e && e.message);
            this.stopConnection();
            this.startPolling();
        }
    }

    async connect() {
        // Quiet: a failed connection is expected and handled (we poll), and start() reports it once below instead
        // of a stack of errors.
        const connection = hubConnection(analysisHubUrl, { quiet: true });
        this.connection = connection;
        const self = this;
        // The page events keep their own lower-case names: polling emits the same ones.
        connection.on(analysisEvents.progress, function (payload) { self.dispatchServerEvent('progress', payload); });
        connection.on(analysisEvents.frame, function (payload) { self.dispatchServerEvent('frame', payload); });
        connection.on(analysisEvents.samples, function (payload) { self.dispatchServerEvent('samples', payload); });
        connection.on(analysisEvents.alert, function (payload) { self.dispatchServerEvent('alert', payload); });
        connection.on(analysisEvents.completed, function (payload) { self.dispatchServerEvent('completed', payload); });
        connection.onreconnecting(function () { self.setMode('reconnecting'); });
        // A new connection has no subscriptions: watch again, and catch up on what changed while we were away.
        connection.onreconnected(function () {
            self.watch().then(function () { self.pollOnce(); }).catch(function () { self.fallBack(); });
        });
        // Automatic reconnection gave up: keep the page alive by polling.
        connection.onclose(function () {
            if (self.connection === connection) {
                self.fallBack();
            }
        });
        await connection.start();
        await this.watch();
    }

    async watch() {
        await this.connection.invoke('Watch', this.videoId);
        this.setMode('live');
    }

    dispatchServerEvent(name, payload) {
        if (!payload || (payload.videoId !== undefined && Number(payload.videoId) !== this.videoId)) {
            return; // Events of another video watched on the same connection.
        }
        if (payload.status) {
            this.lastStatus = payload.status;
        }
        this.emit(name, payload);
    }

    fallBack() {
        this.stopConnection();
        this.startPolling();
    }

    stopConnection() {
        const connection = this.connection;
        this.connection = null;
        if (connection) {
            connection.stop().catch(function () { /* already closed */ });
        }
    }

    startPolling() {
        if (this.pollTimer) {
            return;
        }
        this.setMode('polling');
        const self = this;
        this.pollTimer = window.setInterval(function () { self.pollOnce(); }, POLL_MS);
        this.pollOnce();
    }

    /** Reads the video once and emits progress, plus completed when an analysis has just ended. */
    async pollOnce() {
        let video;
        try {
            video = await api.get('/api/v1/videos/' + this.videoId);
        } catch (e) {
            return; // A missed poll is retried on the next tick.
        }
        const previous = this.lastStatus;
        this.lastStatus = video.status;
        this.emit('progress', {
            videoId: this.videoId,
            status: video.status,
            progress: video.progress,
            framesAnalysed: video.analysedFrames,
        });
        if (previous && isActiveStatus(previous) && !isActiveStatus(video.status)) {
            this.emit('completed', { videoId: this.videoId, status: video.status, error: video.error });
        }
    }

    /** Tells the client an analysis was just started, so polling notices the end even if it missed "analysing". */
    expectAnalysis() {
        this.lastStatus = 'queued';
    }

    stop() {
        window.clearInterval(this.pollTimer);
        this.pollTimer = 0;
        this.stopConnection();
    }
}
