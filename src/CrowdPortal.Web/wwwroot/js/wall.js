// The live wall: one tile per camera with people in view and each zone's current count and level, updated from the
// analysis hub's Frame events (a few per second per camera) and its Camera status events.
import { api, cameraStateBadge, hubConnection, levelInfo } from './portal.js';
import { analysisEvents, analysisHubUrl } from './hub-events.js';

(function () {
    'use strict';
    const wall = document.getElementById('wall');
    const connectionText = document.getElementById('wall-connection');
    if (!wall) { return; }
    const tiles = new Map();
    for (const tile of wall.querySelectorAll('[data-camera-id]')) {
        tiles.set(Number(tile.dataset.cameraId), { element: tile, labels: new Map() });
    }

    async function loadLabels(id, tile) {
        try {
            for (const zone of await api.get('/api/v1/cameras/' + id + '/zones')) { tile.labels.set(zone.zoneId, zone.label); }
        } catch { /* labels fall back to ids */ }
    }

    function zoneItem(list, zoneId) {
        let item = list.querySelector('[data-zone="' + CSS.escape(zoneId) + '"]');
        if (!item) {
            item = document.createElement('li');
            item.className = 'list-group-item d-flex justify-content-between align-items-center px-0';
            item.dataset.zone = zoneId;
            const name = document.createElement('span');
            const value = document.createElement('span');
            value.className = 'badge';
            item.append(name, value);
            list.append(item);
        }
        return item;
    }

    const connection = hubConnection(analysisHubUrl);
    connection.on(analysisEvents.frame, function (frame) {
        const tile = tiles.get(frame.videoId);
        if (!tile) { return; }
        tile.element.querySelector('[data-role="people"]').textContent = frame.people;
        const list = tile.element.querySelector('[data-role="zones"]');
        for (const zone of frame.zones) {
            const item = zoneItem(list, zone.zoneId);
            item.children[0].textContent = tile.labels.get(zone.zoneId) || zone.zoneId;
            item.children[1].textContent = zone.current + (zone.density != null ? ' (' + zone.density + '/m²)' : '') + ' · ' + zone.level;
            item.children[1].className = 'badge ' + levelInfo(zone.level).badge;
            item.dataset.testid = 'wall-zone';
        }
        tile.element.querySelector('[data-role="updated"]').textContent = 'Updated ' + new Date().toLocaleTimeString();
    });
    connection.on(analysisEvents.camera, function (status) {
        const tile = tiles.get(status.videoId);
        if (!tile) { return; }
        const badge = tile.element.querySelector('[data-role="state"]');
        badge.textContent = status.state;
        badge.className = 'badge ' + cameraStateBadge(status.state);
    });
    async function watchAll() {
        for (const id of tiles.keys()) { await connection.invoke('Watch', id); }
        connectionText.textContent = 'Live';
    }
    connection.onreconnecting(function () { connectionText.textContent = 'Reconnecting…'; });
    connection.onreconnected(watchAll);
    Promise.all(Array.from(tiles, function ([id, tile]) { return loadLabels(id, tile); }))
        .then(function () { return connection.start(); })
        .then(watchAll)
        .catch(function () { connectionText.textContent = 'Live updates are unavailable; reload the page to try again.'; });
})();
