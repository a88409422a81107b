using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdPortal.Data.Configurations;

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        builder.ToTable("notification_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.EventType).IsRequired().HasMaxLength(32);
        builder.Property(d => d.MessageId).IsRequired().HasMaxLength(64);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.Property(d => d.LastResponse).HasMaxLength(1024);
        builder.HasIndex(d => new { d.ChannelId, d.DeliveredAt });
        builder.HasIndex(d => d.MessageId).IsUnique();
        builder.HasOne(d => d.Channel).WithMany().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
