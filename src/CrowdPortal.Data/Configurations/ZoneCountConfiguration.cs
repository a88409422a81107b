using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdPortal.Data.Configurations;

internal sealed class ZoneCountConfiguration : IEntityTypeConfiguration<ZoneCount>
{
    public void Configure(EntityTypeBuilder<ZoneCount> builder)
    {
        builder.ToTable("zone_counts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ZoneId).IsRequired().HasMaxLength(64);
        builder.Property(c => c.Label).IsRequired().HasMaxLength(64);
        builder.Property(c => c.Level).IsRequired().HasMaxLength(16).HasConversion(AlertLevelWordConverter.Instance);
        builder.HasIndex(c => new { c.VideoId, c.ZoneId, c.Ts }).IsUnique();
        builder.HasOne(c => c.Video).WithMany().HasForeignKey(c => c.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}
