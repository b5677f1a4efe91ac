//! Volumes: where the browser cannot write one file to disk as it goes, the export is saved as
//! downloads of at most [`VOLUME_LIMIT`] bytes each — every volume a whole archive of its own,
//! so one lost volume loses only its documents.

/// Most bytes in one volume.
pub const VOLUME_LIMIT: u64 = 100 * 1024 * 1024;

/// What a ZIP entry adds beside its content (local header, data descriptor, central record,
/// its name twice): a generous bound.
const ENTRY_OVERHEAD: u64 = 1024;
/// Room for the indexes and the end of the ZIP.
const INDEX_ROOM: u64 = 64 * 1024;

/// At most the bytes an archive of documents of `sizes` bytes takes, each entry's name
/// included, when locked with a passphrase too (age adds 16 bytes per 64 KiB and a header).
pub fn bound(sizes: impl IntoIterator<Item = u64>) -> u64 {
    let (count, content) = sizes
        .into_iter()
        .fold((0u64, 0u64), |(n, total), size| (n + 1, total + size));
    let zip = content + count * (ENTRY_OVERHEAD + INDEX_ROOM / 64) + INDEX_ROOM;
    zip + zip / 4096 + 1024
}

/// The documents (by their place in `sizes`, in order) grouped into volumes of at most
/// `limit` bytes each, as bounded by [`bound`]; a document too large to share a volume has one
/// of its own. No volume is empty; no documents, one volume (the indexes alone).
pub fn plan(sizes: &[u64], limit: u64) -> Vec<Vec<usize>> {
    let mut volumes: Vec<Vec<usize>> = vec![Vec::new()];
    for (place, &size) in sizes.iter().enumerate() {
        let current = volumes.last_mut().expect("one volume at least");
        let would_be = bound(current.iter().map(|&i| sizes[i]).chain([size]));
        if !current.is_empty() && would_be > limit {
            volumes.push(vec![place]);
        } else {
            current.push(place);
        }
    }
    volumes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_fill_volumes_in_order_without_passing_the_limit() {
        let mib = 1024 * 1024;
        let sizes = [30 * mib, 30 * mib, 30 * mib, 30 * mib, 5 * mib, 99 * mib];
        let volumes = plan(&sizes, VOLUME_LIMIT);
        assert_eq!(volumes, vec![vec![0, 1, 2], vec![3, 4], vec![5]]);
        for volume in &volumes[..2] {
            assert!(bound(volume.iter().map(|&i| sizes[i])) <= VOLUME_LIMIT);
        }
        assert_eq!(plan(&[], VOLUME_LIMIT), vec![Vec::<usize>::new()]);
        assert_eq!(plan(&[1, 2, 3], u64::MAX), vec![vec![0, 1, 2]]);
    }
}
