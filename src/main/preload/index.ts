// The only bridge between the sandboxed renderer and the main process: one typed object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_CALL, IPC_EVENT, type Envelope, type PodiumBridge, type PodiumEvent } from '../../shared/api'

const bridge: PodiumBridge = {
  invoke: (channel, request) => ipcRenderer.invoke(IPC_CALL, channel, request) as Promise<Envelope<unknown>>,
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, payload: PodiumEvent): void => listener(payload)
    ipcRenderer.on(IPC_EVENT, forward)
    return () => ipcRenderer.off(IPC_EVENT, forward)
  }
}

contextBridge.exposeInMainWorld('podiumBridge', bridge)
