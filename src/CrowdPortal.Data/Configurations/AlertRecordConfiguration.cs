using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdPortal.Data.Configurations;

internal sealed class AlertRecordConfiguration : IEntityTypeConfiguration<AlertRecord>
{
    public void Configure(EntityTypeBuilder<AlertRecord> builder)
    {
        builder.ToTable("alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ZoneId).IsRequired().HasMaxLength(64);
        builder.Property(a => a.Label).IsRequired().HasMaxLength(64);
        // The same lower-case word as before the level was an enum, so existing rows read back and no migration is needed.
        builder.Property(a => a.Level).IsRequired().HasMaxLength(16).HasConversion(AlertLevelWordConverter.Instance);
        builder.Property(a => a.Unit).IsRequired().HasMaxLength(16);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.VideoId, a.ZoneId, a.TsStart }).IsUnique();
        builder.HasOne(a => a.Video).WithMany().HasForeignKey(a => a.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}
