import pkg from '../../package.json'

export const PODIUM_VERSION: string = pkg.version
